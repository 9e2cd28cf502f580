// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The journal: every function the passthrough changed, written before the
 * change, so that it can be undone however the run ends: pt_release, exit
 * (atexit), or a signal (SIGINT, SIGTERM, SIGHUP, SIGQUIT). Undoing is
 * async-signal-safe: munmap, close, readlink and sysfs writes of strings
 * made when the entry was added.
 *
 * The order is what it must be for vfio-pci to let go: the BAR mappings
 * and the device fd first (vfio-pci's remove waits for every user of the
 * device: unbinding while we hold it would hang), then the group and the
 * container, then unbind vfio-pci, put driver_override back, and bind the
 * driver that was there.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "pt_internal.h"

static struct pt_journal_entry journal[PT_MAX_DEVICES];
static const int handled[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT };
#define NHANDLED (sizeof(handled) / sizeof(handled[0]))
static struct sigaction previous[NHANDLED];
static int armed;
static bool exit_hooked;

static const char vfio_unbind_path[] = PT_SYSFS_PCI_DRIVERS "/" PT_VFIO_DRIVER "/unbind";

/* Block or unblock the handled signals. */
static void mask_handled(int how)
{
	sigset_t set;
	size_t i;

	sigemptyset(&set);
	for (i = 0; i < NHANDLED; i++)
		sigaddset(&set, handled[i]);
	sigprocmask(how, &set, NULL);
}

/* Nested locks unblock at the outermost unlock. */
static unsigned lock_depth;

void pt_journal_lock(void)
{
	if (!lock_depth++)
		mask_handled(SIG_BLOCK);
}

void pt_journal_unlock(void)
{
	if (lock_depth && !--lock_depth)
		mask_handled(SIG_UNBLOCK);
}

/* Paths are made here, never in a handler: snprintf is not async-signal-safe. */
static void join(char *dst, size_t size, const char *a, const char *b, const char *c)
{
	snprintf(dst, size, "%s%s%s", a, b, c);
}

struct pt_journal_entry *pt_journal_add(const char *bdf, const struct pt_state *found)
{
	struct pt_journal_entry *e = NULL;
	size_t i;

	for (i = 0; i < PT_MAX_DEVICES && !e; i++)
		if (!journal[i].used)
			e = &journal[i];
	if (!e)
		return NULL;
	pt_journal_lock();
	memset(e, 0, sizeof(*e));
	snprintf(e->bdf, sizeof(e->bdf), "%s", bdf);
	e->found = *found;
	e->fd[PT_FD_DEVICE] = e->fd[PT_FD_GROUP] = e->fd[PT_FD_CONTAINER] = -1;
	pt_dev_path(e->override_path, bdf, "driver_override");
	pt_dev_path(e->driver_link, bdf, "driver");
	if (found->driver[0])
		join(e->rebind_path, sizeof(e->rebind_path), PT_SYSFS_PCI_DRIVERS "/",
		     found->driver, "/bind");
	/* Writing "\n" clears driver_override (drivers/pci/pci-sysfs.c). */
	join(e->override_value, sizeof(e->override_value), found->override, "\n", "");
	e->used = 1;
	pt_journal_unlock();
	return e;
}

int pt_journal_undo(struct pt_journal_entry *e)
{
	char now[64];
	int rc = 0, r;
	size_t i;

	for (i = 0; i < PT_MAX_BARS; i++)
		if (e->bar[i].addr) {
			munmap(e->bar[i].addr, e->bar[i].len);
			e->bar[i].addr = NULL;
		}
	for (i = 0; i < 3; i++)
		if (e->fd[i] >= 0) {
			close(e->fd[i]);
			e->fd[i] = -1;
		}
	if (pt_sysfs_link_name(e->driver_link, now, sizeof(now)) == 0 &&
	    !strcmp(now, PT_VFIO_DRIVER) && strcmp(e->found.driver, PT_VFIO_DRIVER)) {
		r = pt_sysfs_write(vfio_unbind_path, e->bdf);
		if (r && !rc)
			rc = r;
	}
	r = pt_sysfs_write(e->override_path, e->override_value);
	if (r && !rc)
		rc = r;
	if (e->rebind_path[0] && pt_sysfs_link_name(e->driver_link, now, sizeof(now)) == 0 &&
	    strcmp(now, e->found.driver)) {
		r = pt_sysfs_write(e->rebind_path, e->bdf);
		/* A driver that no longer takes it by bind: let the bus probe it. */
		if (r)
			r = pt_sysfs_write(PT_SYSFS_DRIVERS_PROBE, e->bdf);
		if (r && !rc)
			rc = r;
	}
	e->bound = false;
	return rc;
}

void pt_journal_drop(struct pt_journal_entry *e)
{
	pt_journal_lock();
	e->used = 0;
	pt_journal_unlock();
}

static void undo_all(void)
{
	size_t i;

	for (i = PT_MAX_DEVICES; i-- > 0;)
		if (journal[i].used) {
			pt_journal_undo(&journal[i]);
			journal[i].used = 0;
		}
}

static void on_signal(int sig)
{
	static const char msg[] = "vtdcert: signal: giving assigned devices back\n";
	ssize_t ignored;

	ignored = write(STDERR_FILENO, msg, sizeof(msg) - 1);
	(void)ignored;
	undo_all();
	/* Die of the signal, as the run would have without us. */
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_exit_hook(void)
{
	undo_all();
}

void pt_journal_arm(void)
{
	struct sigaction sa;
	size_t i;

	if (armed++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < NHANDLED; i++)
		sigaddset(&sa.sa_mask, handled[i]);
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &sa, &previous[i]);
	if (!exit_hooked && atexit(on_exit_hook) == 0)
		exit_hooked = true;
}

void pt_journal_disarm(void)
{
	size_t i;

	if (!armed || --armed)
		return;
	for (i = 0; i < NHANDLED; i++)
		sigaction(handled[i], &previous[i], NULL);
}
