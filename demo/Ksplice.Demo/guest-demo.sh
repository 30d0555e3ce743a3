# What the demo does inside the booted Debian kernel. Output goes to the host as it is.
step() { echo; echo "--- $*"; }
printk_now() { dmesg -c > /dev/null; echo 1 > /proc/sys/vm/drop_caches; dmesg; }

cd /ksplice-test
step "Running kernel: $(uname -r) $(uname -v)"
step "A printk before the update (echo 1 > /proc/sys/vm/drop_caches logs one):"
printk_now
step "ksplice-apply ksplice-quoth.tar.gz"
ksplice-apply ksplice-quoth.tar.gz
step "The same printk now:"
printk_now
step "ksplice-view"
ksplice-view
step "ksplice-view -v --id=quoth (the trampoline, read back from /proc/kcore)"
ksplice-view -v --id=quoth | sed -n '1,2p'
step "ksplice-undo quoth"
ksplice-undo quoth
step "The printk after undo:"
printk_now
step "ksplice-view"
ksplice-view
