// SPDX-License-Identifier: GPL-2.0-or-later
/* vtdcert: VT-d passthrough conformance suite. Command dispatch. */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../results/version.h"

static const struct command commands[] = {
	{ "decode", "FILE", "print a DMAR table as JSON", cmd_decode },
	{ "dmar", "[--root DIR] [--json OUT] [--junit OUT] [--quiet] [FILE...]",
	  "run the DMAR suite on FILEs, or on the system's table", cmd_dmar },
	{ "run", "[--root DIR] [--suite NAME]... [--active] [--json OUT] [--junit OUT] [--quiet]",
	  "run every suite (or those named) on the system or a snapshot", cmd_run },
	{ "capture", "[--root SRC] [--force] DIR",
	  "copy what the suites read into a new snapshot directory", cmd_capture },
	{ "groups", "[--root DIR] [--json OUT] [--dot OUT]",
	  "which devices can be assigned alone, and which only together and why", cmd_groups },
	{ "env", "[--root DIR]",
	  "print, as JSON, the environment the suites see (what vtdcert read)", cmd_env },
	{ "checks", "[--markdown]", "list every check with its ID and reference",
	  cmd_checks },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: vtdcert COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-8s %s\n           %s\n", commands[i].name,
			commands[i].args, commands[i].help);
	fprintf(f, "\nexit: 0 nothing failed, 1 a check failed, 2 usage or input error\n");
}

int main(int argc, char **argv)
{
	size_t i;

	/* A closed pipe is a write error (exit 2), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") ||
	    !strcmp(argv[1], "help")) {
		usage(stdout);
		return EXIT_CLEAN;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("vtdcert %s\n", VTDCERT_VERSION);
		return EXIT_CLEAN;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].run(argc - 1, argv + 1);
	fprintf(stderr, "vtdcert: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
