/*
 * Desktop notifications through libnotify (the freedesktop notification
 * service on the D-Bus session bus). Only notify.c includes libnotify.
 */
#ifndef KNEAD_NOTIFY_H
#define KNEAD_NOTIFY_H

/*
 * Show one notification. 0 when the service took it, -1 when there is no
 * session bus or no notification service (a bare SSH session): never an
 * error message, the caller decides.
 */
int	notify_send(const char *title, const char *body);

#endif
