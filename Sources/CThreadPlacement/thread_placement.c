#define _GNU_SOURCE
#include "thread_placement.h"

#if defined(__linux__)
#include <pthread.h>
#include <sched.h>

static cpu_set_t process_cpus;
static int process_cpu_count;
static pthread_once_t process_cpus_once = PTHREAD_ONCE_INIT;

/* The calling thread's CPUs are fewer than the process's. */
static __thread int is_restricted;

static void read_process_cpus(void) {
    CPU_ZERO(&process_cpus);
    if (sched_getaffinity(0, sizeof process_cpus, &process_cpus) == 0) process_cpu_count = CPU_COUNT(&process_cpus);
}

static int is_placeable(int cpu) {
    pthread_once(&process_cpus_once, read_process_cpus);
    return cpu >= 0 && cpu < CPU_SETSIZE && process_cpu_count > 1 && CPU_ISSET(cpu, &process_cpus);
}

static void set_cpus(const cpu_set_t *cpus) {
    if (pthread_setaffinity_np(pthread_self(), sizeof *cpus, cpus) == 0) is_restricted = 1;
}

int aimsbook_current_cpu(void) { return sched_getcpu(); }

void aimsbook_stay_on_cpu(int cpu) {
    if (!is_placeable(cpu)) return;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    set_cpus(&one);
}

void aimsbook_keep_off_cpu(int cpu) {
    if (!is_placeable(cpu)) return;
    cpu_set_t others = process_cpus;
    CPU_CLR(cpu, &others);
    set_cpus(&others);
}

void aimsbook_let_helpers_start(void) { sched_yield(); }

void aimsbook_allow_every_cpu(void) {
    if (!is_restricted) return;
    if (pthread_setaffinity_np(pthread_self(), sizeof process_cpus, &process_cpus) == 0) is_restricted = 0;
}

int aimsbook_allowed_cpu_count(void) {
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    return pthread_getaffinity_np(pthread_self(), sizeof cpus, &cpus) == 0 ? CPU_COUNT(&cpus) : -1;
}

#else
int aimsbook_current_cpu(void) { return -1; }
void aimsbook_stay_on_cpu(int cpu) { (void)cpu; }
void aimsbook_keep_off_cpu(int cpu) { (void)cpu; }
void aimsbook_let_helpers_start(void) {}
void aimsbook_allow_every_cpu(void) {}
int aimsbook_allowed_cpu_count(void) { return -1; }
#endif
