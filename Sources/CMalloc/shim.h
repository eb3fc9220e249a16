#ifndef KYCWATCH_CMALLOC_SHIM_H
#define KYCWATCH_CMALLOC_SHIM_H
// glibc's allocator tuning (mallopt), which the C library's module does not export.
#include <malloc.h>
#endif
