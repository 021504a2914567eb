# Timing helpers shared by the benchmark scripts (source it; it uses $runs,
# the number of timed runs of each command, and writes scratch files under
# /tmp named after the calling shell's process id).

# wall COMMAND...: milliseconds one run takes, stdout into a pipe, stderr discarded.
wall() {
  local start end
  start=$(date +%s%N)
  "$@" 2>/dev/null | cat > /dev/null
  end=$(date +%s%N)
  echo $(( (end - start) / 1000000 ))
}

# peak COMMAND...: peak resident memory of one run, in MiB, and the CPU
# time it took (user and system, in seconds), which a busy machine
# stretches less than the wall time.
peak() {
  /usr/bin/time -o /tmp/shellbench.$$ -f '%M %U %S' bash -c '"$@" 2>/dev/null | cat > /dev/null' _ "$@"
  awk '{ printf "%d %.2f\n", $1 / 1024, $2 + $3 }' /tmp/shellbench.$$
}

# pair NAME_A NAME_B: runs the commands in A[@] and B[@] alternately and
# prints, for each, the median and fastest wall time, the peak memory and the CPU time;
# leaves the medians (in seconds) in $median_a and $median_b.
pair() {
  local name_a=$1 name_b=$2 i
  local -a times_a=() times_b=()
  wall "${A[@]}" > /dev/null
  wall "${B[@]}" > /dev/null
  for ((i = 0; i < runs; i++)); do
    times_a+=("$(wall "${A[@]}")")
    times_b+=("$(wall "${B[@]}")")
  done
  median_a=$(report "$name_a" "$(peak "${A[@]}")" "${times_a[@]}")
  median_b=$(report "$name_b" "$(peak "${B[@]}")" "${times_b[@]}")
}

# report NAME "MIB CPU" MS...: prints one line to stderr, the median in seconds to stdout.
report() {
  local name=$1 mib=${2% *} cpu=${2#* }; shift 2
  printf '%s\n' "$@" | sort -n | awk -v name="$name" -v mib="$mib" -v cpu="$cpu" '
    { t[NR] = $1 }
    END {
      m = t[int((NR + 1) / 2)] / 1000
      printf "%-12s median %6.3f s  fastest %6.3f s  %4d MiB  cpu %6.2f s\n", name, m, t[1] / 1000, mib, cpu > "/dev/stderr"
      print m
    }'
}
