#!/bin/bash
# Regenerates the goldens of HTTP reassembly: tshark 4.0's values of
# http-desegmentation-fields.txt on each capture of
# http-desegmentation-captures.txt, into http-desegmentation/*.tsv.gz, with
# tshark's default reassembly preferences (make-default-goldens.sh).
# Usage: make-http-desegmentation-goldens.sh   (from any directory)
exec "$(dirname "$0")/make-default-goldens.sh" http-desegmentation-fields.txt http-desegmentation-captures.txt http-desegmentation
