/*
 * Desktop notifications (see notify.h), in knead-notify.so: libnotify,
 * which talks to org.freedesktop.Notifications on the session bus.
 */
#include "notify.h"

#include <stdlib.h>

#include <libnotify/notify.h>

#include "modules.h"

int
notify_send(const char *title, const char *body)
{
	NotifyNotification	*n;
	GError			*err = NULL;
	int			 ok;

	/* No session bus at all: do not let GLib try to start one. */
	if (getenv("DBUS_SESSION_BUS_ADDRESS") == NULL &&
	    getenv("XDG_RUNTIME_DIR") == NULL)
		return -1;
	if (!notify_is_initted() && !notify_init("knead"))
		return -1;
	n = notify_notification_new(title, body, "appointment-soon");
	notify_notification_set_timeout(n, 60 * 1000);
	notify_notification_set_category(n, "presence");
	ok = notify_notification_show(n, &err);
	if (err != NULL)
		g_error_free(err);
	g_object_unref(G_OBJECT(n));
	notify_uninit();
	return ok ? 0 : -1;
}

/* knead-notify.so's table (modules.h): what the program finds with dlsym. */
KMOD_EXPORT const struct kmod_notify knead_module = {
	{ KMOD_ABI, sizeof (struct kmod_notify), KNEAD_VERSION },
	notify_send
};
