/* SPDX-License-Identifier: MIT */
/**
 * @file lines.c
 * @brief Who wrote a console line, and the one parser of test result lines.
 *
 * The serial line carries Xen's lines, the kernel's and, through write(),
 * whatever a user process prints. The kernel starts every line of user
 * output with a marker, "[ timestamp] NAME[PID]| ", and never lets user
 * bytes continue one of its own lines, so a process cannot write at the
 * start of a line: a line that begins with "(XEN)" is Xen's, one that
 * begins with a bare timestamp is the kernel's. Outcome lines are believed
 * only there; a process can report only its own test results.
 */
#include "pvrun.h"

#include <ctype.h>
#include <string.h>

static const char *skip_spaces(const char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

/** @return the text after a "[  seconds.micros] " timestamp at @p p, or NULL. */
static const char *after_timestamp(const char *p)
{
	const char *q;

	if (*p != '[')
		return NULL;
	q = skip_spaces(p + 1);
	if (!isdigit((unsigned char)*q))
		return NULL;
	while (isdigit((unsigned char)*q) || *q == '.')
		q++;
	if (q[0] != ']' || q[1] != ' ')
		return NULL;
	return q + 2;
}

static bool is_name_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_' || ch == '.' || ch == '-';
}

/** @return the text after a user-output marker "NAME[PID]| " at @p p, or NULL. */
static const char *after_user_marker(const char *p)
{
	const char *q = p;

	while (is_name_char(*q))
		q++;
	if (q == p || *q++ != '[' || !isdigit((unsigned char)*q))
		return NULL;
	while (isdigit((unsigned char)*q))
		q++;
	return q[0] == ']' && q[1] == '|' && q[2] == ' ' ? q + 3 : NULL;
}

enum line_from line_classify(const char *line, const char **text)
{
	const char *t, *u;

	if (strncmp(line, "(XEN)", 5) == 0) {
		t = skip_spaces(line + 5);
		u = after_timestamp(t);
		*text = u ? u : t;
		return FROM_XEN;
	}
	t = after_timestamp(line);
	if (!t) {
		*text = line;
		return FROM_OTHER;
	}
	u = after_user_marker(t);
	*text = u ? u : t;
	return u ? FROM_USER : FROM_KERNEL;
}

const char *line_xen_split(const char *line)
{
	const char *text;

	if (!*line || line_classify(line, &text) == FROM_USER)
		return NULL;
	return strstr(line + 1, "(XEN)");
}

static bool word_at(const char *p, const char *word, const char *follow)
{
	size_t n = strlen(word);

	return strncmp(p, word, n) == 0 && p[n] && strchr(follow, p[n]);
}

/** Result keywords; a reason follows ": " after all but RUN and PASS. */
static const struct {
	const char *word;
	bool has_why;
} results[] = {
	[TEST_RUN] = { "RUN", false },	   [TEST_PASS] = { "PASS", false },
	[TEST_SKIP] = { "SKIP", true },	   [TEST_ERROR] = { "ERROR", true },
	[TEST_FAIL] = { "FAIL", true },
};

static enum test_result parse_result(const char *q, const char **why)
{
	for (int r = TEST_RUN; r <= TEST_FAIL; r++) {
		size_t n = strlen(results[r].word);

		if (!results[r].has_why && (word_at(q, results[r].word, " \t") ||
					    !strcmp(q, results[r].word))) {
			*why = "";
			return (enum test_result)r;
		}
		if (results[r].has_why && word_at(q, results[r].word, ":")) {
			*why = skip_spaces(q + n + 1);
			return (enum test_result)r;
		}
	}
	return TEST_NONE;
}

enum test_result line_parse_test(const char *text, char *name, size_t n,
				 const char **why)
{
	const char *start = text + strlen("test: "), *q = start;

	if (strncmp(text, "test: ", 6) != 0)
		return TEST_NONE;
	while (is_name_char(*q))
		q++;
	if (q == start || (size_t)(q - start) >= n || q[0] != ':' || q[1] != ' ')
		return TEST_NONE;
	memcpy(name, start, (size_t)(q - start));
	name[q - start] = '\0';
	return parse_result(q + 2, why);
}

const char *test_result_word(enum test_result r)
{
	return r == TEST_NONE ? "?" : results[r].word;
}
