/* A vendor library: the x86-64 object of the reachability fixtures, built with the host's gcc. */
int vendor_version(void) { return 1; }
