// SPDX-License-Identifier: GPL-2.0-or-later
/*
 * The kernel log from a point on, through /dev/kmsg
 * (Documentation/ABI/testing/dev-kmsg): one record per read(2),
 * "PRI,SEQ,USEC,FLAGS;TEXT\n" then " KEY=VALUE" lines; seeking to the end
 * skips what was logged before. A record overwritten before we read it
 * makes read fail with EPIPE once: the next read goes on.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pt_internal.h"

#define PT_KMSG        "/dev/kmsg"
#define KMSG_RECORD    8192        /* the kernel's CONSOLE_EXT_LOG_MAX */

struct pt_kmsg {
	int fd;
};

int pt_kmsg_open(struct pt_kmsg **out, char *why)
{
	struct pt_kmsg *k = calloc(1, sizeof(*k));

	if (!k)
		return pt_fail(why, -ENOMEM, "out of memory");
	k->fd = open(PT_KMSG, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (k->fd < 0) {
		free(k);
		return pt_fail(why, -errno, PT_KMSG ": %s", strerror(errno));
	}
	if (lseek(k->fd, 0, SEEK_END) < 0) {
		close(k->fd);
		free(k);
		return pt_fail(why, -errno, PT_KMSG ": seek to the end: %s", strerror(errno));
	}
	*out = k;
	return 0;
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Append the text of record @rec (its header and key lines cut) to @buf. */
static void append(char *buf, size_t size, char *rec)
{
	char *text = strchr(rec, ';');
	size_t len = strlen(buf), n;

	if (!text)
		return;
	text++;
	text[strcspn(text, "\n")] = '\0';
	n = strlen(text);
	if (len + n + 2 > size)
		return;
	memcpy(buf + len, text, n);
	buf[len + n] = '\n';
	buf[len + n + 1] = '\0';
}

bool pt_kmsg_collect(struct pt_kmsg *k, int ms, bool (*want)(const char *msg, void *arg),
		     void *arg, char *buf, size_t size)
{
	long long end = now_ms() + ms;
	char rec[KMSG_RECORD];
	struct pollfd p = { .fd = k->fd, .events = POLLIN };
	bool found = false;
	ssize_t n;

	buf[0] = '\0';
	for (;;) {
		n = read(k->fd, rec, sizeof(rec) - 1);
		if (n > 0) {
			rec[n] = '\0';
			append(buf, size, rec);
			if (!want || want(strchr(rec, ';') ? strchr(rec, ';') + 1 : rec, arg))
				found = true;
			continue;
		}
		if (n < 0 && errno == EPIPE)
			continue;
		if (found || now_ms() >= end)
			break;
		poll(&p, 1, (int)(end - now_ms()));
	}
	return found;
}

void pt_kmsg_close(struct pt_kmsg *k)
{
	if (!k)
		return;
	close(k->fd);
	free(k);
}
