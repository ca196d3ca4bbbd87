/*
 * test_csv.c - unit tests of the CSV reader (src/io/csv.c).
 *
 * Most tests read a whole input and compare a rendering of what came out:
 * each row as [field|field], followed by "!code@line:column:byte" when
 * reading stopped on an error.  Test names say which rule they check.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "io/csv.h"

/* Read all of data[0..len) with the given limits (0: defaults) and render
 * it into *out. */
static void render_limited(struct buf *out, const char *data, size_t len,
			   char separator, size_t max_field, size_t max_fields)
{
	struct csv_reader *r = csv_reader_new(data, len, separator);
	assert_non_null(r);
	csv_reader_set_limits(r, max_field, max_fields);
	struct csv_row row;
	int rc;
	buf_reset(out);
	buf_puts(out, "");
	while ((rc = csv_next_row(r, &row)) == 1) {
		assert_true(row.count >= 1);
		buf_putc(out, '[');
		for (size_t i = 0; i < row.count; i++) {
			if (i)
				buf_putc(out, '|');
			assert_int_equal(row.fields[i][row.lens[i]], '\0');
			buf_append(out, row.fields[i], row.lens[i]);
		}
		buf_putc(out, ']');
	}
	if (rc < 0) {
		struct csv_position at;
		enum csv_errcode code = csv_error_code(r, &at);
		buf_printf(out, "!%d@%zu:%zu:%zu", (int)code, at.line,
			   at.column, at.byte);
		assert_true(strlen(csv_error(r)) > 0);
	} else {
		assert_string_equal(csv_error(r), "");
	}
	/* Errors and the end are sticky. */
	assert_int_equal(csv_next_row(r, &row), rc);
	csv_reader_free(r);
}

static void check(const char *data, char separator, const char *want)
{
	struct buf out = BUF_INIT;
	render_limited(&out, data, strlen(data), separator, 0, 0);
	assert_string_equal(buf_str(&out), want);
	buf_release(&out);
}

static void check_limited(const char *data, size_t max_field,
			  size_t max_fields, const char *want)
{
	struct buf out = BUF_INIT;
	render_limited(&out, data, strlen(data), ',', max_field, max_fields);
	assert_string_equal(buf_str(&out), want);
	buf_release(&out);
}

static void test_line_ends(void **state)
{
	(void)state;
	check("a,b\nc,d\n", ',', "[a|b][c|d]");
	check("a,b\r\nc,d\r\n", ',', "[a|b][c|d]");
	check("a,b\rc,d\r", ',', "[a|b][c|d]");
	check("a,b\r\nc,d\ne,f\rg", ',', "[a|b][c|d][e|f][g]");
}

static void test_last_line_without_newline(void **state)
{
	(void)state;
	check("a,b\nc,d", ',', "[a|b][c|d]");
	check("a", ',', "[a]");
	check("\"a\"", ',', "[a]");
}

static void test_empty_input_and_bom(void **state)
{
	(void)state;
	check("", ',', "");
	check("\xEF\xBB\xBF", ',', "");
	check("\xEF\xBB\xBF" "a,b\n", ',', "[a|b]");
	check("\xEF\xBB\xBF\"a\",b\n", ',', "[a|b]");
	/* A BOM anywhere else is data. */
	check("a\n\xEF\xBB\xBF" "b\n", ',', "[a][\xEF\xBB\xBF" "b]");
	/* A NULL pointer is an empty file. */
	struct csv_reader *r = csv_reader_new(NULL, 10, ',');
	struct csv_row row;
	assert_non_null(r);
	assert_int_equal(csv_next_row(r, &row), 0);
	csv_reader_free(r);
	csv_reader_free(NULL);
}

static void test_empty_fields(void **state)
{
	(void)state;
	check(",,\n", ',', "[||]");
	check("a,\n", ',', "[a|]");
	check("a,", ',', "[a|]");
	check(",a", ',', "[|a]");
	check("\"\",\"\"\n", ',', "[|]");
}

static void test_blank_lines(void **state)
{
	(void)state;
	check("a\n\nb\n", ',', "[a][][b]");
	check("\n", ',', "[]");
	check("\r\n\r\n", ',', "[][]");
}

static void test_quoted_fields(void **state)
{
	(void)state;
	check("\"a,b\",c\n", ',', "[a,b|c]");
	check("\"say \"\"hi\"\"\",x\n", ',', "[say \"hi\"|x]");
	check("\"\"\"\"\n", ',', "[\"]");
	check("\"a\nb\",c\n", ',', "[a\nb|c]");
	/* Line ends inside quotes are kept as they are. */
	check("\"a\r\nb\"\r\n", ',', "[a\r\nb]");
	check("\"a;b\";c\n", ';', "[a;b|c]");
	check("\"a\tb\"\tc\n", '\t', "[a\tb|c]");
}

static void test_quote_inside_unquoted_field(void **state)
{
	(void)state;
	check("12\" vinyl,x\n", ',', "[12\" vinyl|x]");
	check("a\"\"b,c\n", ',', "[a\"\"b|c]");
	check("a\"\n", ',', "[a\"]");
	/* A space before a quote makes the field unquoted. */
	check("a, \"b\"\n", ',', "[a| \"b\"]");
}

static void test_text_after_closing_quote(void **state)
{
	(void)state;
	/* code 2: CSV_ERR_TEXT_AFTER_QUOTE, at the offending byte. */
	check("x\n\"ab\"c,d\n", ',', "[x]!2@2:1:6");
	check("a,\"b\" \n", ',', "!2@1:2:5");
	check("\"a\nb\"x", ',', "!2@2:1:5");
	check("a;\"b\",c\n", ';', "!2@1:2:5");
}

static void test_unbalanced_quote(void **state)
{
	(void)state;
	/* code 1: CSV_ERR_UNBALANCED_QUOTE, at the opening quote. */
	check("a,b\nc,\"d\ne\n", ',', "[a|b]!1@2:2:6");
	check("\"", ',', "!1@1:1:0");
	check("\"abc\"\"", ',', "!1@1:1:0");
}

static void test_error_message(void **state)
{
	(void)state;
	const char *data = "h1,h2,h3\nx,y,\"never closed\n";
	struct csv_reader *r = csv_reader_new(data, strlen(data), ',');
	struct csv_row row;
	assert_int_equal(csv_next_row(r, &row), 1);
	assert_int_equal(csv_line(r), 1);
	assert_string_equal(csv_error(r), "");
	assert_int_equal(csv_next_row(r, &row), -1);
	assert_int_equal(csv_line(r), 2);
	assert_string_equal(csv_error(r),
			    "line 2, column 3 (byte 13): unbalanced quote: "
			    "the quoted field opened here is never closed");
	csv_reader_free(r);

	data = "abcdef\n";
	r = csv_reader_new(data, strlen(data), ',');
	csv_reader_set_limits(r, 5, 0);
	assert_int_equal(csv_next_row(r, &row), -1);
	assert_string_equal(csv_error(r), "line 1, column 1 (byte 0): "
			    "field too long (over 5 bytes)");
	csv_reader_free(r);
}

static void test_field_size_limit(void **state)
{
	(void)state;
	/* code 3: CSV_ERR_FIELD_TOO_LONG, at the field's first byte. */
	check_limited("abcd,e\n", 4, 0, "[abcd|e]");
	check_limited("abcd,abcde\n", 4, 0, "!3@1:2:5");
	check_limited("\"abcd\"\n", 4, 0, "[abcd]");
	check_limited("\"abcde\"\n", 4, 0, "!3@1:1:0");
	/* The limit counts unescaped bytes: """""""" is 3 quotes. */
	check_limited("\"\"\"\"\"\"\"\"\n", 3, 0, "[\"\"\"]");
	check_limited("\"\"\"\"\"\"\"\"\"\"\n", 3, 0, "!3@1:1:0");
	check_limited("x\n\"ab\n\"\"cd\"\n", 4, 0, "[x]!3@2:1:2");
}

static void test_default_field_size_limit(void **state)
{
	(void)state;
	size_t n = CSV_DEFAULT_MAX_FIELD;
	char *data = malloc(n + 8);
	assert_non_null(data);
	memset(data, 'x', n + 8);
	data[0] = 'a';
	data[1] = ',';
	struct buf out = BUF_INIT;
	/* Exactly at the limit, then one over it. */
	render_limited(&out, data, n + 2, ',', 0, 0);
	assert_int_equal(out.len, 4 + n);
	render_limited(&out, data, n + 3, ',', 0, 0);
	assert_string_equal(buf_str(&out), "!3@1:2:2");
	buf_release(&out);
	free(data);
}

static void test_field_count_limit(void **state)
{
	(void)state;
	/* code 4: CSV_ERR_TOO_MANY_FIELDS, at the first field too many. */
	check_limited("a,b,c\n", 0, 3, "[a|b|c]");
	check_limited("a,b\na,b,c,d\n", 0, 3, "[a|b]!4@2:4:10");
	check_limited("a,b,c,\n", 0, 3, "!4@1:4:6");
}

static void test_ragged_rows(void **state)
{
	(void)state;
	check("a,b,c\nd\ne,f\n", ',', "[a|b|c][d][e|f]");
}

static void test_separators(void **state)
{
	(void)state;
	check("nom;montant\nA;1,5\n", ';', "[nom|montant][A|1,5]");
	check("a\tb,c\n", '\t', "[a|b,c]");
	check("a|b\n", '|', "[a|b]");
	assert_null(csv_reader_new("a", 1, '"'));
	assert_null(csv_reader_new("a", 1, '\n'));
	assert_null(csv_reader_new("a", 1, '\r'));

	const char *data = "a;b\n1,5;2\n";
	struct csv_reader *r = csv_reader_new(data, strlen(data), 0);
	assert_int_equal(csv_separator(r), ';');
	csv_reader_free(r);
}

static void test_detect_separator(void **state)
{
	(void)state;
#define DETECT(s) csv_detect_separator((s), strlen(s))
	assert_int_equal(DETECT("a,b,c\n1,2,3\n"), ',');
	assert_int_equal(DETECT("nom;montant\nA;1,5\nB;2,75\nC;3\n"), ';');
	assert_int_equal(DETECT("a\tb\n1,5\t2;3\n"), '\t');
	assert_int_equal(DETECT("\xEF\xBB\xBF" "nom;ville\nA;Lyon\n"), ';');
	/* Separators inside quotes do not count. */
	assert_int_equal(DETECT("\"a;b;c\",d\n\"e;f\",g\n"), ',');
	assert_int_equal(DETECT("\"a,b,c\";d\n\"e,f\";g\n"), ';');
	/* One column, nothing, ties: ','. */
	assert_int_equal(DETECT("nom\nA\nB\n"), ',');
	assert_int_equal(DETECT(""), ',');
	assert_int_equal(DETECT("a,b;c\n"), ',');
	assert_int_equal(csv_detect_separator(NULL, 4), ',');
	/* A consistent count beats a bigger but irregular one. */
	assert_int_equal(DETECT("a;b\n1,5,5;2,5\n3,5;4,5\n"), ';');
#undef DETECT
}

static void test_detect_large_sample(void **state)
{
	(void)state;
	/* Over the 64 KiB sample, with a quoted field cut by its end. */
	struct buf data = BUF_INIT;
	while (data.len < 70000) {
		buf_puts(&data, "\"une, deux\";trois;\"quatre\n");
		for (int i = 0; i < 3000; i++)
			buf_putc(&data, 'x');
		buf_puts(&data, "\"\n");
	}
	/* Rows of 3028 bytes: the sample's end (65536) falls inside the
	 * quoted run of x of the 22nd row. */
	assert_int_equal(csv_detect_separator(data.data, data.len), ';');
	buf_release(&data);
}

static void test_line_numbers(void **state)
{
	(void)state;
	const char *data = "a\n\"b\nc\r\nd\"\ne\r\n\"f\rg\"\nh";
	struct csv_reader *r = csv_reader_new(data, strlen(data), ',');
	struct csv_row row;
	size_t want[] = { 1, 2, 5, 6, 8 };
	assert_int_equal(csv_line(r), 0);
	for (size_t i = 0; i < 5; i++) {
		assert_int_equal(csv_next_row(r, &row), 1);
		assert_int_equal(csv_line(r), want[i]);
	}
	assert_int_equal(csv_next_row(r, &row), 0);
	csv_reader_free(r);
}

static void test_nul_bytes(void **state)
{
	(void)state;
	const char data[] = "a\0b,\"c\0\"\n";
	struct csv_reader *r = csv_reader_new(data, sizeof(data) - 1, ',');
	struct csv_row row;
	assert_int_equal(csv_next_row(r, &row), 1);
	assert_int_equal(row.count, 2);
	assert_int_equal(row.lens[0], 3);
	assert_memory_equal(row.fields[0], "a\0b", 4);
	assert_int_equal(row.lens[1], 2);
	assert_memory_equal(row.fields[1], "c\0", 3);
	assert_int_equal(csv_next_row(r, &row), 0);
	csv_reader_free(r);
}

static void test_growth_keeps_fields_valid(void **state)
{
	(void)state;
	/* Many fields and long ones: the buffer and the index grow while
	 * the row is read; every pointer must point into the final buffer. */
	struct buf data = BUF_INIT;
	for (int i = 0; i < 300; i++)
		buf_printf(&data, "%s\"%d-%0*d\"", i ? "," : "", i, 40, i);
	buf_puts(&data, "\nz\n");
	struct csv_reader *r = csv_reader_new(data.data, data.len, ',');
	struct csv_row row;
	assert_int_equal(csv_next_row(r, &row), 1);
	assert_int_equal(row.count, 300);
	for (int i = 0; i < 300; i++) {
		char want[64];
		snprintf(want, sizeof(want), "%d-%0*d", i, 40, i);
		assert_string_equal(row.fields[i], want);
		assert_int_equal(row.lens[i], strlen(want));
	}
	assert_int_equal(csv_next_row(r, &row), 1);
	assert_int_equal(row.count, 1);
	assert_string_equal(row.fields[0], "z");
	assert_int_equal(csv_next_row(r, &row), 0);
	csv_reader_free(r);
	buf_release(&data);
}

static void test_french_excel_export(void **state)
{
	(void)state;
	check("\xEF\xBB\xBF" "Nom;Ville;Montant\r\n"
	      "\"Association \"\"Les Amis\"\"\";"
	      "Saint-\xC3\x89tienne;1 234,50\r\n"
	      "\"Adresse\r\nsur deux lignes\";;\r\n",
	      0,
	      "[Nom|Ville|Montant]"
	      "[Association \"Les Amis\"|Saint-\xC3\x89tienne|1 234,50]"
	      "[Adresse\r\nsur deux lignes||]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_ends),
		cmocka_unit_test(test_last_line_without_newline),
		cmocka_unit_test(test_empty_input_and_bom),
		cmocka_unit_test(test_empty_fields),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_quote_inside_unquoted_field),
		cmocka_unit_test(test_text_after_closing_quote),
		cmocka_unit_test(test_unbalanced_quote),
		cmocka_unit_test(test_error_message),
		cmocka_unit_test(test_field_size_limit),
		cmocka_unit_test(test_default_field_size_limit),
		cmocka_unit_test(test_field_count_limit),
		cmocka_unit_test(test_ragged_rows),
		cmocka_unit_test(test_separators),
		cmocka_unit_test(test_detect_separator),
		cmocka_unit_test(test_detect_large_sample),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_nul_bytes),
		cmocka_unit_test(test_growth_keeps_fields_valid),
		cmocka_unit_test(test_french_excel_export),
	};
	return cmocka_run_group_tests_name("csv", tests, NULL, NULL);
}
