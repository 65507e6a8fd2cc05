// An allocation counter outside the project, for LD_PRELOAD: it interposes the C allocation
// functions (malloc, calloc, realloc, free, posix_memalign, aligned_alloc, memalign, valloc,
// pvalloc, reallocarray) and glibc's __libc_* entry points (which mdnscope's own counter in
// alloc/ forwards to, so a program that replaces malloc itself is counted too), and counts
// with relaxed atomics: allocations, frees and requested bytes, process-wide. libstdc++'s
// operator new goes through malloc. A realloc that resizes a block counts as one free and
// one allocation (as alloc/ does); realloc(p, 0) as a free.
//
// MALLOC_COUNT_FILE=PATH: a line "exit allocations=N frees=N bytes=N" is appended at exit,
// and with MALLOC_COUNT_SIGNAL=N (e.g. 12, SIGUSR2) a line "signal ..." whenever that signal
// arrives (written by the handler with write(2): async-signal-safe). Without a file, the exit
// line goes to standard error. Used by bench_captureallocations; built with the benchmarks.

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <unistd.h>

namespace {

std::atomic<std::uint64_t> g_allocations{0};
std::atomic<std::uint64_t> g_frees{0};
std::atomic<std::uint64_t> g_bytes{0};

using MallocFn = void *(*)(size_t);
using CallocFn = void *(*)(size_t, size_t);
using ReallocFn = void *(*)(void *, size_t);
using FreeFn = void (*)(void *);
using MemalignFn = void *(*)(size_t, size_t);

MallocFn g_malloc = nullptr;
CallocFn g_calloc = nullptr;
ReallocFn g_realloc = nullptr;
FreeFn g_free = nullptr;
MemalignFn g_memalign = nullptr;

// dlsym may allocate before the real functions are known: those few blocks come from here
// (never freed; free() recognises them).
alignas(64) char g_arena[64 * 1024];
std::atomic<size_t> g_arenaUsed{0};
std::atomic<bool> g_resolving{false};

bool inArena(const void *p)
{
    return p >= static_cast<const void *>(g_arena) &&
           p < static_cast<const void *>(g_arena + sizeof g_arena);
}

void *arenaAlloc(size_t size, size_t alignment = 16)
{
    size_t at = g_arenaUsed.load();
    size_t start = 0;
    do {
        start = (at + alignment - 1) & ~(alignment - 1);
        if (start + size > sizeof g_arena)
            return nullptr;
    } while (!g_arenaUsed.compare_exchange_weak(at, start + size));
    return g_arena + start;
}

bool resolve()
{
    if (g_free)
        return true;
    if (g_resolving.exchange(true))
        return false; // a call made by dlsym itself: the arena serves it
    g_malloc = reinterpret_cast<MallocFn>(dlsym(RTLD_NEXT, "__libc_malloc"));
    g_calloc = reinterpret_cast<CallocFn>(dlsym(RTLD_NEXT, "__libc_calloc"));
    g_realloc = reinterpret_cast<ReallocFn>(dlsym(RTLD_NEXT, "__libc_realloc"));
    g_memalign = reinterpret_cast<MemalignFn>(dlsym(RTLD_NEXT, "__libc_memalign"));
    g_free = reinterpret_cast<FreeFn>(dlsym(RTLD_NEXT, "__libc_free"));
    if (!g_malloc || !g_calloc || !g_realloc || !g_memalign || !g_free)
        ::abort();
    return true;
}

void *counted(void *p, size_t size)
{
    if (p) {
        g_allocations.fetch_add(1, std::memory_order_relaxed);
        g_bytes.fetch_add(size, std::memory_order_relaxed);
    }
    return p;
}

void *doMalloc(size_t size)
{
    if (!resolve())
        return arenaAlloc(size);
    return counted(g_malloc(size), size);
}

void *doCalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        return nullptr;
    if (!resolve())
        return arenaAlloc(n * size); // static storage: already zero
    return counted(g_calloc(n, size), n * size);
}

void doFree(void *p)
{
    if (!p || inArena(p))
        return;
    resolve();
    g_frees.fetch_add(1, std::memory_order_relaxed);
    g_free(p);
}

void *doRealloc(void *p, size_t size)
{
    if (!p)
        return doMalloc(size);
    if (size == 0) {
        doFree(p);
        return nullptr;
    }
    if (inArena(p)) {
        void *q = doMalloc(size);
        if (q)
            std::memcpy(q, p, size); // the arena block may be shorter: read within the arena
        return q;
    }
    resolve();
    void *q = g_realloc(p, size);
    if (q) {
        g_frees.fetch_add(1, std::memory_order_relaxed);
        counted(q, size);
    }
    return q;
}

void *doMemalign(size_t alignment, size_t size)
{
    if (!resolve())
        return arenaAlloc(size, alignment < 16 ? 16 : alignment);
    return counted(g_memalign(alignment, size), size);
}

// --- reporting ---------------------------------------------------------------------------------

char g_path[4096];
bool g_haveFile = false;

size_t appendText(char *to, size_t at, size_t cap, const char *text)
{
    while (*text && at < cap)
        to[at++] = *text++;
    return at;
}

size_t appendNumber(char *to, size_t at, size_t cap, std::uint64_t v)
{
    char digits[24];
    size_t d = sizeof digits;
    do {
        digits[--d] = char('0' + v % 10);
        v /= 10;
    } while (v > 0);
    while (d < sizeof digits && at < cap)
        to[at++] = digits[d++];
    return at;
}

// Async-signal-safe: no allocation, only open/write/close.
void report(const char *label)
{
    char line[256];
    const size_t cap = sizeof line - 1;
    size_t n = appendText(line, 0, cap, label);
    n = appendText(line, n, cap, " allocations=");
    n = appendNumber(line, n, cap, g_allocations.load(std::memory_order_relaxed));
    n = appendText(line, n, cap, " frees=");
    n = appendNumber(line, n, cap, g_frees.load(std::memory_order_relaxed));
    n = appendText(line, n, cap, " bytes=");
    n = appendNumber(line, n, cap, g_bytes.load(std::memory_order_relaxed));
    line[n++] = '\n';
    const int saved = errno;
    const int fd = g_haveFile ? ::open(g_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644)
                              : STDERR_FILENO;
    if (fd >= 0) {
        [[maybe_unused]] const ssize_t w = ::write(fd, line, n);
        if (g_haveFile)
            ::close(fd);
    }
    errno = saved;
}

extern "C" void onReportSignal(int)
{
    report("signal");
}

__attribute__((constructor)) void setUp()
{
    resolve();
    if (const char *path = ::getenv("MALLOC_COUNT_FILE"); path && *path) {
        const size_t n = std::strlen(path);
        if (n < sizeof g_path) {
            std::memcpy(g_path, path, n + 1);
            g_haveFile = true;
        }
    }
    if (const char *sig = ::getenv("MALLOC_COUNT_SIGNAL"); sig && *sig) {
        const int number = std::atoi(sig);
        if (number > 0 && number < NSIG) {
            struct sigaction action
            {};
            action.sa_handler = onReportSignal;
            action.sa_flags = SA_RESTART;
            sigemptyset(&action.sa_mask);
            ::sigaction(number, &action, nullptr);
        }
    }
}

__attribute__((destructor)) void tearDown()
{
    report("exit");
}

} // namespace

extern "C" {
// clang-format off
__attribute__((visibility("default"))) void *malloc(size_t size) { return doMalloc(size); }
__attribute__((visibility("default"))) void *calloc(size_t n, size_t size) { return doCalloc(n, size); }
__attribute__((visibility("default"))) void *realloc(void *p, size_t size) { return doRealloc(p, size); }
__attribute__((visibility("default"))) void free(void *p) { doFree(p); }
__attribute__((visibility("default"))) void cfree(void *p) { doFree(p); }
__attribute__((visibility("default"))) void *memalign(size_t a, size_t size) { return doMemalign(a, size); }
__attribute__((visibility("default"))) void *aligned_alloc(size_t a, size_t size) { return doMemalign(a, size); }
__attribute__((visibility("default"))) void *valloc(size_t size) { return doMemalign(size_t(::getpagesize()), size); }
__attribute__((visibility("default"))) void *pvalloc(size_t size)
{
    const size_t page = size_t(::getpagesize());
    return doMemalign(page, (size + page - 1) & ~(page - 1));
}
__attribute__((visibility("default"))) int posix_memalign(void **out, size_t a, size_t size)
{
    if (a < sizeof(void *) || (a & (a - 1)) != 0)
        return EINVAL;
    void *p = doMemalign(a, size);
    if (!p && size)
        return ENOMEM;
    *out = p;
    return 0;
}
__attribute__((visibility("default"))) void *reallocarray(void *p, size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size) {
        errno = ENOMEM;
        return nullptr;
    }
    return doRealloc(p, n * size);
}
// What alloc/ (mdnscope's own counter, in the executable) forwards to.
__attribute__((visibility("default"))) void *__libc_malloc(size_t size) { return doMalloc(size); }
__attribute__((visibility("default"))) void *__libc_calloc(size_t n, size_t size) { return doCalloc(n, size); }
__attribute__((visibility("default"))) void *__libc_realloc(void *p, size_t size) { return doRealloc(p, size); }
__attribute__((visibility("default"))) void __libc_free(void *p) { doFree(p); }
__attribute__((visibility("default"))) void *__libc_memalign(size_t a, size_t size) { return doMemalign(a, size); }
__attribute__((visibility("default"))) void *__libc_valloc(size_t size) { return valloc(size); }
__attribute__((visibility("default"))) void *__libc_pvalloc(size_t size) { return pvalloc(size); }
// clang-format on
}
