// zlib from the system (Debian: zlib1g-dev): inflates gzip-compressed captures.
#include <zlib.h>
