"""tshark's output for a command line, kept in the folder $TSHARK_CACHE when
it is set (measure-conversations.sh sets it), so that measuring two pktsh
binaries on the same captures runs tshark once. A capture's entry is keyed by
the command line and the capture's size and modification time."""
import hashlib, os, subprocess


def run(args):
    """tshark's standard output (bytes) for `tshark ARGS`; ARGS has the capture after -r."""
    folder = os.environ.get("TSHARK_CACHE")
    if not folder:
        return subprocess.run(["tshark", *args], capture_output=True).stdout
    capture = os.stat(args[args.index("-r") + 1])
    key = hashlib.sha256("\0".join([*args, str(capture.st_size), str(capture.st_mtime_ns)]).encode()).hexdigest()
    path = os.path.join(folder, key)
    if os.path.exists(path):
        with open(path, "rb") as f:
            return f.read()
    out = subprocess.run(["tshark", *args], capture_output=True).stdout
    os.makedirs(folder, exist_ok=True)
    # Written aside and moved in place: two measurements may fill the same entry.
    part = f"{path}.{os.getpid()}"
    with open(part, "wb") as f:
        f.write(out)
    os.replace(part, path)
    return out
