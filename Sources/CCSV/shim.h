#ifndef KYCWATCH_CCSV_SHIM_H
#define KYCWATCH_CCSV_SHIM_H
#if __has_include(<csv.h>)
#include <csv.h>
#else
#error "libcsv headers not found: install them with 'apt-get install libcsv-dev'"
#endif
#endif
