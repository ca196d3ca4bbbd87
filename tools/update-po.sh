#!/bin/sh
# Extract the interface's messages from the C sources into po/passerelle.pot
# (a generated file, not kept in the repository), then merge it into every
# translation po/*.po: new msgids arrive untranslated, removed ones become
# obsolete ("#~") entries, existing translations are kept.  Run it from
# anywhere; it works in the repository's root.  See po/README.md.
#
# The keywords are the functions that take a msgid (the number is the
# argument that holds it); -k alone drops xgettext's defaults (gettext, _...).
set -eu

cd "$(dirname "$0")/.."

for tool in xgettext msgmerge; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "update-po: $tool not found (install GNU gettext)" >&2
		exit 1
	fi
done

# xgettext warns when no bug-report address is given; Passerelle has none to
# give, so that one warning is filtered out and any other is shown.
log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! xgettext --from-code=UTF-8 \
	-k -kN_ -kT:2 -khtml_t:2 -khtml_message:2 -kmessage_format:3 -ki18n_gettext:2 \
	--add-comments --sort-by-file --package-name=passerelle \
	-o po/passerelle.pot src/*/*.c 2>"$log"; then
	cat "$log" >&2
	exit 1
fi
grep -v -e 'msgid-bugs-address' -e 'MSGID_BUGS_ADDRESS' -e 'specify an --msgid' "$log" >&2 || true
echo "po/passerelle.pot: $(grep -c '^msgid "[^"]' po/passerelle.pot) messages"

for po in po/*.po; do
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/passerelle.pot
done

for po in po/*.po; do
	untranslated=$(msgattrib --untranslated --no-obsolete "$po" | grep -c '^msgid "[^"]' || true)
	fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$po" | grep -c '^msgid "[^"]' || true)
	echo "$po: $untranslated untranslated, $fuzzy fuzzy"
done
