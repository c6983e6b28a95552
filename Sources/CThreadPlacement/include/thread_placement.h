#ifndef AIMSBOOK_THREAD_PLACEMENT_H
#define AIMSBOOK_THREAD_PLACEMENT_H

/*
 * Where the threads of a parallel stage run (Parallel.swift says why): the thread that starts
 * the stage stays on its CPU, and the helpers keep off it. Linux only; elsewhere, and in a
 * process allowed a single CPU, these do nothing.
 */

/* The CPU the calling thread is running on, or -1 when unknown. */
int aimsbook_current_cpu(void);

/* Keeps the calling thread on `cpu` until `aimsbook_allow_every_cpu`. */
void aimsbook_stay_on_cpu(int cpu);

/* Keeps the calling thread (a helper) off `cpu` until `aimsbook_allow_every_cpu`; moves it at once if on it. */
void aimsbook_keep_off_cpu(int cpu);

/*
 * Lets a thread waiting for the calling thread's CPU run now, so that a helper woken onto it
 * starts (and moves off it) at once rather than at the next scheduler tick.
 */
void aimsbook_let_helpers_start(void);

/* Lets the calling thread run on every CPU the process was allowed when first asked. */
void aimsbook_allow_every_cpu(void);

/* How many CPUs the calling thread may run on now (for tests); -1 when unknown. */
int aimsbook_allowed_cpu_count(void);

#endif
