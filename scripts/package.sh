#!/usr/bin/env bash
# Builds the Debian package of mdnscope with CPack (Release, the hardening flags of
# dpkg-buildflags, no tests or benchmarks) in its own folder, build-package/ (PACKAGE_BUILD_DIR
# to change it), checks it with lintian (any error fails; warnings are printed), then unpacks
# it into a scratch root with dpkg -x and runs the installed binary from there: --version and
# --read of a capture made here.
# usage: scripts/package.sh     prints the .deb's path on the last line
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"
BUILD_DIR=${PACKAGE_BUILD_DIR:-$ROOT/build-package}
mdnscope_install

# Debian's flags (-D_FORTIFY_SOURCE, -fstack-protector-strong, relro, bindnow), without -g
# (the packaged binary is stripped anyway) and without -ffile-prefix-map (it names this
# checkout's path, so ccache could not share objects between checkouts; the binary holds no
# source path either way). Release's -O3 comes after them.
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cxxflags="$(dpkg-buildflags --get CPPFLAGS) $(dpkg-buildflags --get CXXFLAGS)"
cxxflags=$(tr ' ' '\n' <<<"$cxxflags" | grep -v -e '^-g$' -e '^-ffile-prefix-map=' | xargs)
ldflags=$(dpkg-buildflags --get LDFLAGS)
mdnscope_configure -DCMAKE_INSTALL_PREFIX=/usr -DMDNSCOPE_BUILD_TESTS=OFF \
    -DMDNSCOPE_BUILD_BENCH=OFF -DMDNSCOPE_FUZZ=OFF -DMDNSCOPE_SANITIZE= \
    "-DCMAKE_CXX_FLAGS=$cxxflags" "-DCMAKE_EXE_LINKER_FLAGS=$ldflags"
cmake --build "$BUILD_DIR" -j "$JOBS"

rm -f "$BUILD_DIR"/mdnscope_*.deb
(cd "$BUILD_DIR" && cpack -G DEB >/dev/null)
debs=("$BUILD_DIR"/mdnscope_*.deb)
deb=${debs[0]}
[ -f "$deb" ] || { echo "package: cpack made no .deb in $BUILD_DIR" >&2; exit 1; }
echo "package: $deb" >&2
dpkg-deb --field "$deb" Package Version Architecture Depends Section Installed-Size >&2

# lintian: errors fail the script; warnings and info are shown. (As root it says so once.)
echo "package: lintian $(lintian --version | awk '{print $2}')" >&2
lintian --fail-on error --info "$deb" >&2 || {
    echo "package: lintian reports errors" >&2
    exit 1
}

# Installed into a scratch root: every file where it belongs, and the binary runs from there.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
dpkg -x "$deb" "$scratch/root"
for f in usr/bin/mdnscope usr/share/man/man1/mdnscope.1.gz usr/share/doc/mdnscope/copyright \
         usr/share/doc/mdnscope/changelog.Debian.gz \
         usr/share/applications/io.github.mdnscope.desktop \
         usr/share/metainfo/io.github.mdnscope.metainfo.xml \
         usr/share/icons/hicolor/scalable/apps/mdnscope.svg \
         usr/share/icons/hicolor/48x48/apps/mdnscope.png; do
    [ -f "$scratch/root/$f" ] || { echo "package: $f is not in the package" >&2; exit 1; }
done
installed=$scratch/root/usr/bin/mdnscope
version=$("$installed" --version)
echo "package: installed binary: $version" >&2
project_version=$(sed -nE 's/^#define MDNSCOPE_VERSION "(.*)"$/\1/p' \
    "$BUILD_DIR/core/common/generated/Version.h")
[[ $version =~ ^mdnscope\ ${project_version//./\\.}\ \(Qt\ [0-9]+\.[0-9]+\.[0-9]+\)$ ]] || {
    echo "package: --version printed '$version', not 'mdnscope $project_version (Qt x.y.z)'" >&2
    exit 1
}

# One mDNS response (package-test.local A 169.254.1.2) in a classic pcap, Ethernet + IPv4 + UDP.
python3 - "$scratch/one.pcap" <<'EOF'
import struct, sys
name = b''.join(bytes([len(l)]) + l for l in (b'package-test', b'local')) + b'\0'
dns = struct.pack('!6H', 0, 0x8400, 0, 1, 0, 0) + name + struct.pack('!HHIH', 1, 0x8001, 120, 4) \
    + bytes([169, 254, 1, 2])
udp = struct.pack('!4H', 5353, 5353, 8 + len(dns), 0) + dns
ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 0, 0, 255, 17, 0,
                 bytes([169, 254, 1, 2]), bytes([224, 0, 0, 251]))
s = sum(struct.unpack('!10H', ip))
s = (s & 0xffff) + (s >> 16)
ip = ip[:10] + struct.pack('!H', ~s & 0xffff) + ip[12:] + udp
frame = bytes.fromhex('01005e0000fb') + bytes.fromhex('020000010102') + b'\x08\x00' + ip
with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    f.write(struct.pack('<IIII', 1700000000, 0, len(frame), len(frame)) + frame)
EOF
read_out=$("$installed" --read "$scratch/one.pcap" 2>"$scratch/read.err") || {
    echo "package: the installed binary's --read failed:" >&2
    cat "$scratch/read.err" >&2
    exit 1
}
echo "package: installed binary: --read: $read_out" >&2
[ "$(wc -l <<<"$read_out")" = 1 ] && grep -q 'package-test\.local' <<<"$read_out" || {
    echo "package: --read printed no line for package-test.local" >&2
    exit 1
}
echo "$deb"
