#include "CpuAffinity.h"

#include <QString>
#include <QStringList>

#include <pthread.h>
#include <sched.h>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace {
QList<int> cpusOf(const cpu_set_t &set)
{
    QList<int> cpus;
    for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
        if (CPU_ISSET(cpu, &set))
            cpus.append(cpu);
    }
    return cpus;
}
} // namespace

QList<int> CpuAffinity::allowedCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::sched_getaffinity(0, sizeof set, &set) != 0)
        return {};
    return cpusOf(set);
}

bool CpuAffinity::pinCurrentThread(int cpu)
{
    if (cpu < 0)
        return true;
    if (cpu >= CPU_SETSIZE)
        return false;
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    return ::pthread_setaffinity_np(::pthread_self(), sizeof set, &set) == 0;
}

bool CpuAffinity::setCurrentThreadNice(int nice)
{
    // On Linux the nice value belongs to the thread: PRIO_PROCESS with the thread id.
    return ::setpriority(PRIO_PROCESS, id_t(::gettid()), nice) == 0;
}

QString CpuAffinity::currentThreadCpus()
{
    cpu_set_t set;
    CPU_ZERO(&set);
    if (::pthread_getaffinity_np(::pthread_self(), sizeof set, &set) != 0)
        return u"?"_s;
    QStringList parts;
    for (int cpu : cpusOf(set))
        parts.append(QString::number(cpu));
    return parts.join(u',');
}
