#!/usr/bin/perl
# Sisimai's side of bench/classify.bench.ts: parse every mail of a directory in one Perl process, the
# way Sisimai is normally used, and print the number of bounce records it found.
# Sisimai 5 renamed make() to rise(); Debian ships 4.25, so both are tried.
use strict;
use warnings;
use Sisimai;

my $dir = shift // die "usage: $0 DIR\n";
my $records = Sisimai->can('rise') ? Sisimai->rise($dir) : Sisimai->make($dir);
print scalar @{ $records // [] }, "\n";
