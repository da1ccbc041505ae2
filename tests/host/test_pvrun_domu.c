/* SPDX-License-Identifier: MIT */
/**
 * @file test_pvrun_domu.c
 * @brief Host unit tests of pvrun --domu (tools/pvrun/domu.c): the outcome
 *        is xl's word on the guest, never the host's Linux or the guest's
 *        own text, and the guest's marked lines are analysed as the kernel's.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../../tools/pvrun/pvrun.h"

static struct console con;

static int setup(void **state)
{
	(void)state;
	console_init(&con, NULL, true, NULL);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	console_free(&con);
	return 0;
}

static void feed(const char *line)
{
	char buf[256];

	snprintf(buf, sizeof(buf), "%s", line);
	domu_line(&con, buf, true);
}

static void poweroff_is_xls(void **state)
{
	(void)state;
	feed("domu| [    1.000000] test: boot.time: RUN");
	feed("domu| [    1.100000] test: boot.time: PASS");
	feed("domu| [    1.200000] pvmmu: power off");
	assert_false(con.final);
	feed("domu: pvmmu: outcome: poweroff");
	assert_true(con.final);
	assert_int_equal(con.kind, OUT_SHUTDOWN);
	assert_string_equal(con.detail, "domU pvmmu: poweroff");
	assert_int_equal(con.ntests, 1);
	assert_int_equal(con.tests[0].result, TEST_PASS);
}

static void crash_after_panic_is_panic(void **state)
{
	(void)state;
	feed("domu| [    1.000000] Kernel panic - not syncing: oops");
	feed("domu: pvmmu: outcome: crash");
	assert_int_equal(con.kind, OUT_PANIC);
	assert_string_equal(con.detail, "domU pvmmu: crash: oops");
}

/* The host's Linux writes kernel-looking lines: none of them count. */
static void host_lines_do_not_count(void **state)
{
	(void)state;
	feed("[    5.000000] Kernel panic - not syncing: the host's");
	feed("[    5.100000] test: forged: FAIL: by the host");
	assert_false(con.panic_seen);
	assert_int_equal(con.ntests, 0);
	feed("domu: pvmmu: outcome: crash");
	assert_int_equal(con.kind, OUT_CRASH);
}

/* A guest's user process cannot forge xl's outcome line. */
static void guest_cannot_forge_outcome(void **state)
{
	(void)state;
	feed("domu| [    1.000000] forge[2]| domu: pvmmu: outcome: poweroff");
	feed("domu| domu: pvmmu: outcome: poweroff");
	assert_false(con.final);
}

static void timeout_and_host_failure(void **state)
{
	(void)state;
	feed("domu: pvmmu: outcome: timeout after 60 s");
	assert_int_equal(con.kind, OUT_TIMEOUT);
	feed("domu: host failed: xenstored did not start");
	assert_int_equal(con.kind, OUT_CRASH);
	assert_string_equal(con.detail, "domU host: failed: xenstored did not start");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(poweroff_is_xls, setup, teardown),
		cmocka_unit_test_setup_teardown(crash_after_panic_is_panic, setup, teardown),
		cmocka_unit_test_setup_teardown(host_lines_do_not_count, setup, teardown),
		cmocka_unit_test_setup_teardown(guest_cannot_forge_outcome, setup, teardown),
		cmocka_unit_test_setup_teardown(timeout_and_host_failure, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
