/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/wait.h
 * @brief Sleeping until an event: a process waits on a channel, an event handler wakes it.
 *
 * A channel is any address both sides agree on (the tty's line discipline,
 * say).  The condition lives under a lock of the caller's: the sleeper
 * checks it with that lock held and sleep_on lets go of it only once the
 * sleep is recorded, so a waker on another vCPU cannot slip in between.
 */
#ifndef PVMMU_WAIT_H
#define PVMMU_WAIT_H

#include "spinlock.h"

/**
 * Sleep on @p chan until wake_up(@p chan) or a kill.  Called with @p lk held,
 * returns with it held again; the caller checks its condition again.
 */
void sleep_on(const void *chan, spinlock_t *lk);
/** Make every process sleeping on @p chan runnable (from event handlers too). */
void wake_up(const void *chan);

#endif
