#ifndef KYCWATCH_CZSTD_SHIM_H
#define KYCWATCH_CZSTD_SHIM_H
#if __has_include(<zstd.h>)
#include <zstd.h>
#include <zstd_errors.h>
#else
#error "zstd headers not found: install them with 'apt-get install libzstd-dev'"
#endif
#endif
