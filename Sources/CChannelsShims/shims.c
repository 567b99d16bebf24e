// SwiftPM needs one compiled source per C target; the helpers are all `static inline` in
// include/CChannelsShims.h.
#include "CChannelsShims.h"
