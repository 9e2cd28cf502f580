// SPDX-License-Identifier: GPL-2.0-or-later
/* vtdcert: VT-d passthrough conformance suite. Command dispatch. */
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "../results/version.h"

#define REPORT_OPTIONS \
	"  --json OUT     the results as JSON (docs/results-schema.md); - for stdout\n" \
	"  --junit OUT    the results as JUnit XML; - for stdout\n" \
	"  --quiet        print only failures and errors, one line each\n" \
	"  --verbose      list passes and skips in the summary too\n" \
	"  A report replaces only an empty file or vtdcert's own document of that kind.\n"
#define ROOT_OPTION \
	"  --root DIR     a snapshot directory laid out like / (vtdcert capture, or a\n" \
	"                 directory holding only lspci.txt, an `lspci -xxxx` dump)\n"
#define EXIT_RESULTS "\n" \
	"exit: 0 nothing failed, 1 a check failed or errored, 2 usage error, unusable\n" \
	"input or an output that could not be written\n"
#define EXIT_PLAIN "\nexit: 0 done, 2 usage error, unusable input or unwritable output\n"

static const struct command commands[] = {
	{ "decode", "[--json] [--root DIR] FILE", "print a DMAR table for people, or as JSON",
	  "  FILE           an ACPI DMAR table (/sys/firmware/acpi/tables/DMAR, or a\n"
	  "                 copy of one): offsets and addresses in hex, flags by name\n"
	  "  --json         the decoded table as JSON instead\n"
	  "  --root DIR     resolve each device scope to a BDF through the PCI tree of\n"
	  "                 the snapshot DIR (/ for this machine)\n"
	  EXIT_PLAIN, cmd_decode },
	{ "dmar", "[--root DIR] [--json OUT] [--junit OUT] [--quiet|--verbose] [FILE...]",
	  "run the DMAR suite on FILEs, or on the system's table",
	  "  FILE...        DMAR table files, each checked on its own; without FILEs,\n"
	  "                 the table of this machine or of --root DIR; with both,\n"
	  "                 each FILE against DIR's PCI tree and memory map (a new\n"
	  "                 BIOS's table against the machine it is for)\n"
	  ROOT_OPTION REPORT_OPTIONS EXIT_RESULTS, cmd_dmar },
	{ "run", "[--root DIR] [--suite NAME]... [--active [--take BDF]...] [--hazards FILE] "
	  "[--json OUT] "
	  "[--junit OUT] [--quiet|--verbose]",
	  "run every suite (or those named) on the system or a snapshot",
	  ROOT_OPTION
	  "  --suite NAME   only this suite (repeatable; `vtdcert checks` lists them)\n"
	  "  --active       allow checks that change the machine (bind, map, reset);\n"
	  "                 each restores what it changed, also on SIGINT/SIGTERM;\n"
	  "                 live system only. A device that backs a mounted\n"
	  "                 filesystem, swap or the default route is refused, and so\n"
	  "                 is a group with another member bound to a driver\n"
	  "  --take BDF     with --active: take this device anyway (repeatable;\n"
	  "                 never implied for all)\n"
	  "  --hazards FILE more BAR hazard entries for the bar suite (vtdcert bar)\n"
	  REPORT_OPTIONS EXIT_RESULTS, cmd_run },
	{ "capture", "[--root SRC] [--force] DIR",
	  "copy what the suites read into a new snapshot directory",
	  "  DIR            a new or empty directory; the snapshot is written beside it\n"
	  "                 and moved in only when the capture succeeded\n"
	  "  --root SRC     capture a snapshot instead of this machine\n"
	  "  --force        replace DIR when it is a snapshot vtdcert wrote that holds\n"
	  "                 nothing its manifest.txt does not list; anything else is\n"
	  "                 refused and nothing removed\n"
	  EXIT_PLAIN, cmd_capture },
	{ "groups", "[--root DIR] [--json OUT] [--dot OUT]",
	  "which devices can be assigned alone, and which only together and why",
	  ROOT_OPTION
	  "  --json OUT     the groups as JSON; - for stdout\n"
	  "  --dot OUT      a Graphviz picture of the PCI tree and its groups\n"
	  "  With the IOMMU off, the groups the kernel will make once it is on.\n"
	  EXIT_PLAIN, cmd_groups },
	{ "bar", "[--root DIR] [--hazards FILE] [--json OUT]",
	  "every function's BARs and their hazards for assignment to a guest",
	  ROOT_OPTION
	  "  --hazards FILE more BAR hazard entries, one a line (the format of the\n"
	  "                 built-in fixtures/bar-hazards.txt); a bad line is named\n"
	  "                 FILE:LINE\n"
	  "  --json OUT     the BARs and hazards as JSON; - for stdout\n"
	  "  Sizes come from sysfs `resource`: an lspci dump leaves them unknown.\n"
	  EXIT_PLAIN, cmd_bar },
	{ "msi", "[--root DIR] [--json OUT]",
	  "every function's MSI, MSI-X, INTx pin and IRQ",
	  ROOT_OPTION
	  "  --json OUT     per function its MSI and MSI-X capabilities, INTx pin and\n"
	  "                 IRQ as JSON; - for stdout\n"
	  "  The IRQ comes from sysfs `irq`: an lspci dump leaves it unknown (null).\n"
	  EXIT_PLAIN, cmd_msi },
	{ "env", "[--root DIR]",
	  "print, as JSON, the environment the suites see (what vtdcert read)",
	  ROOT_OPTION EXIT_PLAIN, cmd_env },
	{ "regs", "[--root DIR] [--json] [--cap HEX --ecap HEX]",
	  "each remapping unit's CAP and ECAP field by field, and the translation they allow",
	  ROOT_OPTION
	  "  --json         as JSON instead: per unit its registers, as `vtdcert env`\n"
	  "                 shows them, and the translation parameters\n"
	  "  --cap HEX      a CAP value to show instead of any system's units (with\n"
	  "  --ecap HEX     --ecap; 0x optional), e.g. from a datasheet or a bug report\n"
	  "  The translation parameters are the legacy-mode model's\n"
	  "  (docs/translation.md): the domain Linux builds on the unit (AGAW, table\n"
	  "  levels, address width), the page sizes, domain IDs 2^(4 + 2 * ND), CM.\n"
	  EXIT_PLAIN, cmd_regs },
	{ "checks", "[--markdown]", "list every check with its ID and reference",
	  "  --markdown     the table docs/checks.md holds\n" EXIT_PLAIN, cmd_checks },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: vtdcert COMMAND [ARGS]\n\ncommands:\n");
	for (i = 0; i < NCOMMANDS; i++)
		fprintf(f, "  %-8s %s\n           %s\n", commands[i].name,
			commands[i].args, commands[i].help);
	fprintf(f, "\nvtdcert help COMMAND (or vtdcert COMMAND --help): its options\n"
		"exit: 0 nothing failed, 1 a check failed, 2 usage or input error\n");
}

static const struct command *find_command(const char *name)
{
	size_t i;

	for (i = 0; i < NCOMMANDS; i++)
		if (!strcmp(name, commands[i].name))
			return &commands[i];
	return NULL;
}

/* One command's usage, options and exit codes, on stdout: exit 0. */
static int command_help(const struct command *c)
{
	printf("usage: vtdcert %s %s\n\n%s.\n\n%s", c->name, c->args, c->help, c->options);
	return fflush(stdout) || ferror(stdout) ? EXIT_USAGE : EXIT_CLEAN;
}

/* Whether the command's arguments ask for help (before a "--"). */
static bool asks_help(int argc, char **argv)
{
	int i;

	for (i = 2; i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	const struct command *c;

	/* A closed pipe is a write error (exit 2), not a silent death. */
	signal(SIGPIPE, SIG_IGN);
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "help") && argc == 3) {
		c = find_command(argv[2]);
		if (c)
			return command_help(c);
		fprintf(stderr, "vtdcert: unknown command '%s'\n", argv[2]);
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
	c = find_command(argv[1]);
	if (c)
		return asks_help(argc, argv) ? command_help(c) : c->run(argc - 1, argv + 1);
	fprintf(stderr, "vtdcert: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return EXIT_USAGE;
}
