# dns.pks: the DNS lookups of a web browser, queries matched with answers.
#
# Run it from the repository root (the path below is relative to it):
#   pktsh -f examples/dns.pks
# Its output is examples/dns.out, made with TZ=UTC.

load examples/dns-sample.pcap
let query = dns.flags.response == 0
let answer = dns.flags.response == 1

# Every packet, as tshark summarises it.
list

# Which names were asked for, how often, and of what type (1 = A, 28 = AAAA).
count by dns.qry.name, dns.qry.type where query

# Each answer: its transaction ID, the name, the addresses and aliases
# (a field that occurs several times prints every value, joined by ',').
print dns.id, dns.qry.name, dns.a, dns.cname where answer

# Queries asked more than once (a retransmission, or a second resolver).
print frame.number, frame.time_relative, dns.id, dns.qry.name where query && dns.qry.name in {"clients1.google.com", "www.ynet.co.il"}

# Short-lived answers: some record has a TTL under a minute (a comparison
# holds when any occurrence of the field passes, as in Wireshark).
print dns.id, dns.qry.name, dns.resp.ttl where answer && dns.resp.ttl < 60

# Names under one domain, with a regular expression.
count by dns.qry.name where query && dns.qry.name matches "ynet\\.co\\.il$"

# Answers with more than two addresses.
print dns.qry.name, dns.count.answers where answer && count(dns.a) > 2

# The bytes of the first query, its name in brackets (length-prefixed labels).
hexdump 1 dns.qry.name
