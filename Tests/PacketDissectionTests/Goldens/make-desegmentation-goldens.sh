#!/bin/bash
# Regenerates the goldens of TCP reassembly: tshark 4.0's values of
# desegmentation-fields.txt on each capture of desegmentation-captures.txt,
# into desegmentation/*.tsv.gz, with tshark's default reassembly
# preferences (make-default-goldens.sh).
# Usage: make-desegmentation-goldens.sh   (from any directory)
exec "$(dirname "$0")/make-default-goldens.sh" desegmentation-fields.txt desegmentation-captures.txt desegmentation
