/* SPDX-License-Identifier: MIT */
/**
 * @file kernel/include/events.h
 * @brief Event channels: a port -> handler registry and the upcall that dispatches it.
 *
 * A subsystem binds a port (a VIRQ, an IPI, or a port it already has, such
 * as xenstore's or a console ring's) with a handler and a cookie; the event
 * upcall calls the handler of every pending, unmasked port.  events.c knows
 * no subscriber: the timer, and later the console, xenstore and IPIs, bind
 * into it from above.
 */
#ifndef PVMMU_EVENTS_H
#define PVMMU_EVENTS_H

#include <stdbool.h>
#include <stdint.h>
#include <xen/xen.h>
#include <xen/event_channel.h>

/** Called with events masked, on the vCPU the port is bound to. */
typedef void (*evtchn_handler_t)(evtchn_port_t port, void *cookie);

/** EVTCHNOP_bind_virq @p virq on @p vcpu, then bind_evtchn(); returns the port. */
evtchn_port_t bind_virq(unsigned int virq, unsigned int vcpu, evtchn_handler_t handler,
			void *cookie);
/** EVTCHNOP_bind_ipi on @p vcpu, then bind_evtchn(); returns the port. */
evtchn_port_t bind_ipi(unsigned int vcpu, evtchn_handler_t handler, void *cookie);
/** Send @p port's events to @p handler and unmask it (EVTCHNOP_unmask); once per port. */
void bind_evtchn(evtchn_port_t port, evtchn_handler_t handler, void *cookie);

/** EVTCHNOP_send: raise @p port at its other end (an IPI: the vCPU it is bound to). */
void notify_remote_via_evtchn(evtchn_port_t port);

/** After a resume: forget every binding if @p new_domain; stop the interrupted upcall. */
void evtchn_resume(bool new_domain);

/** Xen's event callback (through arch/x86): run the handler of each pending port. */
void evtchn_do_upcall(void);

#endif
