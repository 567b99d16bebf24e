#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H
// PostgreSQL's C client (Debian's libpq-dev): the results store's PostgreSQL backend.
#include <libpq-fe.h>
#endif
