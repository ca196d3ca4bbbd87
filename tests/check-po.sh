#!/bin/sh
# The translation files are valid gettext catalogues, and every msgid the
# code marks (N_, T) has a French and a Spanish translation.
pass=0; fail=0
for po in po/*.po; do
	if msgfmt --check -o /dev/null "$po"; then pass=$((pass + 1)); else echo "invalid: $po"; fail=$((fail + 1)); fi
done
xgettext --from-code=UTF-8 -k -kN_ -kT:2 -khtml_t:2 -khtml_message:2 -kmessage_format:3 -ki18n_gettext:2 -o /tmp/passerelle-check.pot src/*/*.c src/*/*.h 2>/dev/null
for po in po/*.po; do
	missing=$(msgcmp --use-untranslated "$po" /tmp/passerelle-check.pot 2>&1 | grep -c "this message is used but not defined")
	untranslated=$(msgattrib --untranslated --no-obsolete "$po" 2>/dev/null | grep -c '^msgid "[^"]')
	if [ "$missing" -eq 0 ] && [ "$untranslated" -eq 0 ]; then pass=$((pass + 1)); else
		echo "$po: $missing msgids missing, $untranslated untranslated"; fail=$((fail + 1)); fi
done
echo "translations: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
