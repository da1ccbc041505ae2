/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/wait.h
 * @brief Sleeping until an event: a process waits on a channel, an event handler wakes it.
 *
 * A channel is any address both sides agree on (the tty's line discipline,
 * say).  The kernel runs with events masked, so between the sleeper's check
 * of its condition and its sleep no handler can run: no wake-up is lost.
 */
#ifndef PVMMU_WAIT_H
#define PVMMU_WAIT_H

/** Sleep on @p chan until wake_up(@p chan) or a kill; the caller checks its condition again. */
void sleep_on(const void *chan);
/** Make every process sleeping on @p chan runnable (from event handlers too). */
void wake_up(const void *chan);

#endif
