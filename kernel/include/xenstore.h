/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/xenstore.h
 * @brief A xenstore client over the store ring of start_info (io/xs_wire.h).
 *
 * Requests are synchronous: the caller waits, polling the ring, for the
 * reply with its request id.  Watch events that arrive meanwhile, or on the
 * store's event channel, are handed to the watch's callback once no request
 * is in flight.  Paths without a leading '/' are the domain's own
 * (/local/domain/<domid>/...), as xenstored resolves them.  Errors are
 * -errno: xenstored's error string mapped (and printed with the path), or
 * -EIO for a reply that breaks the protocol.
 */
#ifndef PVMMU_XENSTORE_H
#define PVMMU_XENSTORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef void (*xenstore_watch_fn)(const char *path, const char *token);

/** Map the store ring and bind its event channel (domU only, after trap_init). */
void xenstore_init(void);

/**
 * After a resume: map the ring and take its port from start_info again; in
 * a @p new_domain bind the port and register every watch again.
 * @return 0 or the first watch's -errno.
 */
int xenstore_resume(bool new_domain);

/** Read @p path's value into @p buf (NUL-terminated); @return its length or -errno. */
int xenstore_read(const char *path, char *buf, size_t cap);
/** @return 0 or -errno. */
int xenstore_write(const char *path, const char *value);
/** The names under @p path, each NUL-terminated, in @p buf; @return their count or -errno. */
int xenstore_directory(const char *path, char *buf, size_t cap);
/** Call @p fn for each change of @p path (and once at once, as xenstored does); @return 0 or -errno. */
int xenstore_watch(const char *path, const char *token, xenstore_watch_fn fn);

/** Block until the store's event channel fires (SCHEDOP_poll), then run the watch events. */
void xenstore_wait_event(void);

/*
 * The reply parser, separate from the ring so that tests can feed it
 * replies xenstored would never send (kernel/test/test_xenstore.c).
 */
struct xsd_sockmsg;
/** Check reply @p hdr / @p body (of hdr->len bytes) to a request of @p type. @return 0 or -errno. */
int xenstore_check_reply(const struct xsd_sockmsg *hdr, const char *body, uint32_t type,
			 const char *path);
/** Split a watch event body into path and token; @return 0 or -EIO if malformed. */
int xenstore_parse_watch_event(const char *body, uint32_t len, const char **path,
			       const char **token);

/**
 * Tests only: put a message into the reply ring as xenstored would, for
 * the next request or event to find.  Only while no request is in flight
 * and xenstored has nothing to send (no watch about to fire).
 * @return 0, -EBUSY (no ring, or a request waits) or -ENOSPC.
 */
int xenstore_inject_reply(uint32_t type, uint32_t req_id, const char *body, uint32_t len);

#endif
