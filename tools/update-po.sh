#!/bin/sh
# Extract the interface's messages from the C sources into po/passerelle.pot
# (generated, not kept in the repository), then merge that template into
# every translation po/*.po: new msgids arrive untranslated, msgids no longer
# in the code become obsolete ("#~") entries, translations are kept.
# Run it from anywhere (it works in the repository's root), then translate
# what it reports as untranslated.  See po/README.md.
set -eu

cd "$(dirname "$0")/.."

for tool in xgettext msgcat msgmerge msgfmt; do
	if ! command -v "$tool" >/dev/null 2>&1; then
		echo "update-po: $tool not found (install GNU gettext)" >&2
		exit 1
	fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The keywords are the functions that take a msgid and the argument that
# holds it; -k alone drops xgettext's default keywords (gettext, _, ...).
# Headers are read too: a macro there may mark msgids (model.h does).
# A C comment just above a marked string reaches translators as "#.".
# xgettext warns that no bug-report address is given: Passerelle has none,
# so that warning is filtered out and any other one is shown.
if ! xgettext --from-code=UTF-8 \
	-k -kN_ -kT:2 -khtml_t:2 -khtml_message:2 -kmessage_format:3 -ki18n_gettext:2 \
	--add-comments --sort-by-file --package-name=passerelle \
	-o "$tmp/code.pot" src/*/*.c src/*/*.h 2>"$tmp/log"; then
	cat "$tmp/log" >&2
	exit 1
fi
grep -v -e 'msgid-bugs-address' -e 'MSGID_BUGS_ADDRESS' -e 'specify an --msgid' "$tmp/log" >&2 || true

# Messages that no C file marks but that must stay active in the catalogues:
# tests/unit/test_i18n.c reads them from the real po/fr.po and po/es.po.
# Drop one from here once the code marks it (or the tests stop using it).
cat >"$tmp/kept.pot" <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. Kept for tests/unit/test_i18n.c.
msgid "Directory"
msgstr ""

#. Kept for tests/unit/test_i18n.c (the plural forms).
#, c-format
msgid "%d result"
msgid_plural "%d results"
msgstr[0] ""
msgstr[1] ""
EOF
msgcat --use-first --sort-by-file -o po/passerelle.pot "$tmp/code.pot" "$tmp/kept.pot"
echo "po/passerelle.pot: $(($(grep -c '^msgid ' po/passerelle.pot) - 1)) messages"

for po in po/*.po; do
	msgmerge --quiet --update --backup=none --no-fuzzy-matching "$po" po/passerelle.pot
done

# "N translated messages, M untranslated messages." for each file.
for po in po/*.po; do
	printf '%s: ' "$po"
	msgfmt --statistics -o /dev/null "$po" 2>&1
done
