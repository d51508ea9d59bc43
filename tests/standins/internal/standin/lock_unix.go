//go:build unix

package standin

import (
	"os"
	"syscall"
)

// lockFile takes an exclusive lock on path+".lock" (created if missing): the three stand-in
// processes of one engine run, and parallel engine runs, share the state file.
func lockFile(path string) (unlock func(), err error) {
	f, err := os.OpenFile(path+".lock", os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		_ = f.Close() // the lock's error is the one to report
		return nil, err
	}
	return func() {
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		_ = f.Close() // a lock file, never written: nothing is lost if Close fails
	}, nil
}
