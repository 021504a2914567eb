#!/bin/bash
# Regenerates the goldens of IP defragmentation: tshark 4.0's values of
# reassembly-fields.txt on each capture of reassembly-captures.txt, into
# reassembly/*.tsv.gz, with tshark's default reassembly preferences
# (make-default-goldens.sh).
# Usage: make-reassembly-goldens.sh   (from any directory)
exec "$(dirname "$0")/make-default-goldens.sh" reassembly-fields.txt reassembly-captures.txt reassembly
