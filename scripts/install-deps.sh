#!/bin/sh
# Install what Passerelle needs on Debian 12, only what is missing.
#   install-deps.sh run    build and run
#   install-deps.sh test   build, run and test (adds cmocka, chromium, node tools)
set -eu
purpose=${1:-run}
build="gcc make pkg-config libmicrohttpd-dev libsqlite3-dev libjansson-dev libicu-dev libsodium-dev nettle-dev libzip-dev libxml2-dev libxlsxwriter-dev sqlite3 libcmark-gfm-dev libcmark-gfm-extensions-dev libical-dev libcurl4-openssl-dev libmagic-dev libpango1.0-dev libcairo2-dev libpoppler-glib-dev tzdata fonts-dejavu-core fonts-noto-core"
test_pkgs="libcmocka-dev gettext chromium clang-14 libclang-rt-14-dev curl unzip libreoffice-writer-nogui poppler-utils"
want=$build
[ "$purpose" = test ] && want="$build $test_pkgs"
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# Node.js and npm may come from Debian or from elsewhere: a working
# command is enough.
if [ "$purpose" = test ]; then
	command -v node >/dev/null 2>&1 || missing="$missing nodejs"
	command -v npm >/dev/null 2>&1 || missing="$missing npm"
fi
if [ -n "$missing" ]; then
	echo "Installing Debian packages:$missing"
	sudo=""
	[ "$(id -u)" -ne 0 ] && sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
if [ "$purpose" = test ] && { [ ! -d tests/browser/node_modules/playwright-core ] || [ ! -d tests/browser/node_modules/axe-core ]; }; then
	echo "Installing the browser test driver and the accessibility auditor (npm: playwright-core, axe-core)"
	(cd tests/browser && npm ci --no-audit --no-fund --silent)
fi
exit 0
