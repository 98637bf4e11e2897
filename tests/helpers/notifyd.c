/*
 * A stand-in desktop notification service for the tests (knead remind
 * --notify): owns org.freedesktop.Notifications on the session bus (a
 * private one, dbus-run-session), answers what libnotify asks, prints each
 * Notify call as "summary<TAB>body" (newlines in the body as "\n") and
 * exits after the first one, or after TIMEOUT seconds (argv[1], default 10).
 * Prints "ready" once it owns the name.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gio.h>

static GMainLoop *loop;

static const char introspection[] =
    "<node><interface name='org.freedesktop.Notifications'>"
    "<method name='GetServerInformation'><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/><arg type='s' direction='out'/>"
    "<arg type='s' direction='out'/></method>"
    "<method name='GetCapabilities'><arg type='as' direction='out'/>"
    "</method>"
    "<method name='Notify'><arg type='s' direction='in'/>"
    "<arg type='u' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='s' direction='in'/><arg type='s' direction='in'/>"
    "<arg type='as' direction='in'/><arg type='a{sv}' direction='in'/>"
    "<arg type='i' direction='in'/><arg type='u' direction='out'/></method>"
    "<method name='CloseNotification'><arg type='u' direction='in'/>"
    "</method></interface></node>";

static void
print_escaped(const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '\n')
			fputs("\\n", stdout);
		else
			putchar(*s);
	}
}

static void
on_call(GDBusConnection *c, const gchar *sender, const gchar *path,
    const gchar *iface, const gchar *method, GVariant *params,
    GDBusMethodInvocation *inv, gpointer data)
{
	const gchar	*app, *icon, *summary, *body;
	const gchar	*caps[] = { "body", NULL };
	guint32		 replaces;

	(void)sender; (void)path; (void)iface; (void)data;
	if (strcmp(method, "GetServerInformation") == 0)
		g_dbus_method_invocation_return_value(inv, g_variant_new(
		    "(ssss)", "knead-test", "knead", "1", "1.2"));
	else if (strcmp(method, "GetCapabilities") == 0)
		g_dbus_method_invocation_return_value(inv, g_variant_new(
		    "(^as)", caps));
	else if (strcmp(method, "Notify") == 0) {
		g_variant_get(params, "(&su&s&s&s@as@a{sv}i)", &app, &replaces,
		    &icon, &summary, &body, NULL, NULL, NULL);
		printf("%s\t", app);
		print_escaped(summary);
		putchar('\t');
		print_escaped(body);
		putchar('\n');
		fflush(stdout);
		g_dbus_method_invocation_return_value(inv, g_variant_new("(u)",
		    1u));
		/* The reply must leave before the service does. */
		g_dbus_connection_flush_sync(c, NULL, NULL);
		g_main_loop_quit(loop);
	} else
		g_dbus_method_invocation_return_value(inv, NULL);
}

static const GDBusInterfaceVTable vtable = { on_call, NULL, NULL, { 0 } };

static void
on_bus(GDBusConnection *c, const gchar *name, gpointer data)
{
	GDBusNodeInfo	*info = data;

	(void)name;
	g_dbus_connection_register_object(c, "/org/freedesktop/Notifications",
	    info->interfaces[0], &vtable, NULL, NULL, NULL);
}

static void
on_name(GDBusConnection *c, const gchar *name, gpointer data)
{
	(void)c; (void)name; (void)data;
	printf("ready\n");
	fflush(stdout);
}

static gboolean
on_timeout(gpointer data)
{
	(void)data;
	g_main_loop_quit(loop);
	return FALSE;
}

int
main(int argc, char **argv)
{
	GDBusNodeInfo	*info;

	info = g_dbus_node_info_new_for_xml(introspection, NULL);
	loop = g_main_loop_new(NULL, FALSE);
	g_bus_own_name(G_BUS_TYPE_SESSION, "org.freedesktop.Notifications",
	    G_BUS_NAME_OWNER_FLAGS_NONE, on_bus, on_name, NULL, info, NULL);
	g_timeout_add_seconds(argc > 1 ? (guint)atoi(argv[1]) : 10,
	    on_timeout, NULL);
	g_main_loop_run(loop);
	return 0;
}
