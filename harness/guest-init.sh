#!/bin/sh
# /init of the vtdcert test guest (PID 1, busybox sh).
#
# Loads the modules, runs `vtdcert capture` and `vtdcert run` once, ships
# /tmp/out to the host over the second serial port (ttyS1) and powers off.
# The console (ttyS0) only carries kernel noise and progress lines: results
# travel on their own port so console output can never corrupt them.
#
# Kernel command line switches:
#   vtdcert.active=1  change the machine as a lab would: enable up to 7 VFs on
#                     every SR-IOV PF (sriov_numvfs) before the capture, pass
#                     --active to `vtdcert run`, set sriov_numvfs back to 0 after.
#                     The edu devices are first bound to pci-stub (a driver to
#                     give them back to); after the run each must be on it
#                     again ("edu-restored:BDF"). Then the kill tests: a second
#                     `vtdcert run --active --suite dma` gets SIGTERM (then a
#                     third SIGINT) while it holds an edu on vfio-pci;
#                     killtest.txt (killtest-int.txt) says what it held and
#                     where every edu was after
#   vtdcert.debug=1   also write /tmp/out/debug.txt (busybox-only listing of
#                     what the guest sees: DMAR, IOMMUs, groups, PCI devices)
#
# PID 1 must never exit (the kernel would panic and hide the results), so no
# `set -e`: every failure is recorded in guest-status.txt and we carry on.

export PATH=/usr/sbin:/usr/bin:/sbin:/bin
unset TERM  # plain output from vtdcert: no colour codes in summary.txt
OUT=/tmp/out
CHANNEL=/dev/ttyS1

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
mkdir -p "$OUT"

say() { echo "vtdcert-guest: $*"; }
# One "NAME EXIT-STATUS" line per step, read by harness/run-qemu.
status() { echo "$1 $2" >> "$OUT/guest-status.txt"; }

ACTIVE=
DEBUG=0
# shellcheck disable=SC2013  # the command line is words, not lines
for arg in $(cat /proc/cmdline); do
	case "$arg" in
	vtdcert.active=1) ACTIVE=--active ;;
	vtdcert.debug=1) DEBUG=1 ;;
	esac
done

while read -r mod; do
	modprobe "$mod"
	status "modprobe:$mod" $?
done < /etc/vtdcert/modules

# Up to 7 VFs per PF: the guide's `max_vfs=7` on its 82576 (Total VFs 8).
# What was enabled is undone after the run, as vtdcert's own --active would.
GUIDE_VFS=7
SRIOV_PFS=
enable_vfs() {
	for pf in /sys/bus/pci/devices/*; do
		[ -f "$pf/sriov_totalvfs" ] || continue
		total=$(cat "$pf/sriov_totalvfs")
		[ "$total" -gt 0 ] 2> /dev/null || continue
		n=$GUIDE_VFS; [ "$total" -lt "$n" ] && n=$total
		echo "$n" > "$pf/sriov_numvfs"
		rc=$?
		status "sriov_numvfs:${pf##*/}=$n" $rc
		[ $rc = 0 ] && SRIOV_PFS="$SRIOV_PFS $pf"
	done
}
disable_vfs() {
	for pf in $SRIOV_PFS; do
		echo 0 > "$pf/sriov_numvfs" && [ "$(cat "$pf/sriov_numvfs")" = 0 ]
		status "sriov_numvfs:${pf##*/}=0" $?
	done
}
[ -n "$ACTIVE" ] && enable_vfs

# QEMU's edu (1234:11e8): what the dma suite drives.
EDUS=
for d in /sys/bus/pci/devices/*; do
	[ "$(cat "$d/vendor"):$(cat "$d/device")" = "0x1234:0x11e8" ] && EDUS="$EDUS ${d##*/}"
done
driver_of() {
	drv=none; [ -e "/sys/bus/pci/devices/$1/driver" ] && \
		drv=$(basename "$(readlink "/sys/bus/pci/devices/$1/driver")")
	echo "$drv"
}
stub_edus() {
	[ -n "$EDUS" ] || return 0
	echo "1234 11e8" > /sys/bus/pci/drivers/pci-stub/new_id
	for e in $EDUS; do
		[ "$(driver_of "$e")" = pci-stub ]
		status "edu-stub:$e" $?
	done
}
edus_restored() {
	for e in $EDUS; do
		[ "$(driver_of "$e")" = pci-stub ] &&
			[ "$(cat "/sys/bus/pci/devices/$e/driver_override")" = "(null)" ]
		status "edu-restored:$e" $?
	done
}
# Signal $1 (TERM, INT) to an active run while it holds an edu on vfio-pci:
# the device must come back to pci-stub; what was seen goes to $2. Polls every
# 20 ms for up to 60 s. (A background job ignores SIGINT in sh; vtdcert's own
# handler replaces that.)
kill_test() {
	[ -n "$EDUS" ] || return 0
	vtdcert run --active --suite dma --quiet > "${2%.txt}-run.txt" 2>&1 &
	pid=$!
	held=
	i=0
	while [ -z "$held" ] && [ $i -lt 3000 ] && kill -0 $pid 2> /dev/null; do
		for e in $EDUS; do
			[ "$(driver_of "$e")" = vfio-pci ] && held=$e
		done
		[ -z "$held" ] && usleep 20000
		i=$((i + 1))
	done
	kill -"$1" $pid 2> /dev/null
	wait $pid
	rc=$?
	{
		echo "held ${held:-none}"
		echo "exit $rc"
		for e in $EDUS; do
			echo "after $e $(driver_of "$e") $(cat "/sys/bus/pci/devices/$e/driver_override")"
		done
	} > "$2"
}
[ -n "$ACTIVE" ] && stub_edus

say "capture"
vtdcert capture "$OUT/snapshot" 2> "$OUT/capture-stderr.txt"
status capture $?

say "run $ACTIVE"
vtdcert run --json "$OUT/results.json" --junit "$OUT/results.xml" $ACTIVE \
	> "$OUT/summary.txt" 2> "$OUT/run-stderr.txt"
status run $?
cat "$OUT/capture-stderr.txt" "$OUT/summary.txt" "$OUT/run-stderr.txt"
if [ -n "$ACTIVE" ]; then
	edus_restored
	say "kill tests"
	kill_test TERM "$OUT/killtest.txt"
	kill_test INT "$OUT/killtest-int.txt"
fi

debug_listing() {
	echo "## tables"; ls /sys/firmware/acpi/tables
	echo "## iommus"; ls /sys/class/iommu
	for g in /sys/kernel/iommu_groups/*; do
		# shellcheck disable=SC2046  # split on purpose: one line per group
		[ -d "$g/devices" ] && echo "group ${g##*/}:" $(ls "$g/devices")
	done
	for d in /sys/bus/pci/devices/*; do
		drv=none; [ -e "$d/driver" ] && drv=$(basename "$(readlink "$d/driver")")
		grp=none; [ -e "$d/iommu_group" ] && grp=$(basename "$(readlink "$d/iommu_group")")
		vfs=; [ -e "$d/sriov_totalvfs" ] && vfs=" sriov_totalvfs=$(cat "$d/sriov_totalvfs")"
		echo "pci ${d##*/} id=$(cat "$d/vendor"):$(cat "$d/device") class=$(cat "$d/class")" \
			"driver=$drv group=$grp$vfs"
	done
	echo "## interrupts"; grep -i -e 'IR-' -e 'MSI' /proc/interrupts
	echo "## dmesg"; dmesg | grep -i -e DMAR -e IOMMU -e remap
	cp /sys/firmware/acpi/tables/DMAR "$OUT/DMAR.bin" 2>/dev/null
}
[ "$DEBUG" = 1 ] && debug_listing > "$OUT/debug.txt" 2>&1
[ -n "$ACTIVE" ] && disable_vfs

cat /proc/cmdline > "$OUT/cmdline.txt"
dmesg > "$OUT/dmesg.txt"

# The channel: one framed base64 block of a gzipped tar of /tmp/out.
#   VTDCERT-BUNDLE-BEGIN <bytes> <sha256>
#   <base64 lines>
#   VTDCERT-BUNDLE-END <bytes> <sha256>
# Closing the tty waits until the UART has sent everything, so poweroff
# cannot cut the block short.
tar -C "$OUT" -cf - . | gzip -c > /tmp/bundle.tgz
size=$(wc -c < /tmp/bundle.tgz)
sum=$(sha256sum /tmp/bundle.tgz)
sum=${sum%% *}
stty -F "$CHANNEL" raw -echo 2> /dev/null
{
	echo "VTDCERT-BUNDLE-BEGIN $size $sum"
	base64 /tmp/bundle.tgz
	echo "VTDCERT-BUNDLE-END $size $sum"
} > "$CHANNEL" || say "cannot write $CHANNEL"
say "shipped $size bytes, powering off"
poweroff -f
# Not reached; if poweroff fails, end the run the loud way (panic=-1 + -no-reboot).
exit 1
