#!/usr/bin/env bash
# Builds a Debian root filesystem with python3 as a tar file that `docker import` takes: the test image
# of the docker target (no registry here, ../shared/RECIPES.md). Usage: python-rootfs.sh OUT.tar
# About a minute with Debian's mirror; callers cache OUT.tar keyed by this script's hash.
set -euo pipefail
out=$1
suite=bookworm
# The Debian mirror apt already uses (a machine with a local mirror builds from it).
mirror=$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/* 2>/dev/null || true) \
  | grep -oE 'https?://[^ ]+/debian/?$' | head -n1 || true)
mirror=${mirror:-http://deb.debian.org/debian}
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=python3,python3-numpy,python3-pil "$suite" "$root" "$mirror" >"$root.log" 2>&1 \
  || { tail -n 20 "$root.log"; exit 1; }
rm -f "$root.log"
# PIL pulls perl in; nothing here needs it.
chroot "$root" dpkg --purge --force-depends mime-support mailcap perl libperl5.36 perl-modules-5.36 >/dev/null 2>&1 || true
chroot "$root" useradd -u 1000 -U -m -s /bin/sh runner
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/*
tar -C "$root" -cf "$out.part" .
mv "$out.part" "$out"
