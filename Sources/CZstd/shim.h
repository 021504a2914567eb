// Zstandard from the system (Debian: libzstd-dev): decompresses zstd-compressed captures.
#include <zstd.h>
