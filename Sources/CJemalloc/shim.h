#ifndef CJEMALLOC_SHIM_H
#define CJEMALLOC_SHIM_H
// Debian's libjemalloc-dev is built without a symbol prefix: mallctl, not je_mallctl.
#include <jemalloc/jemalloc.h>
#endif
