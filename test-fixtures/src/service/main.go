// service stands in for a long-running server: it says it is ready, then runs until stopped.
package main

import (
	"fmt"
	"os"
	"os/signal"
	"runtime"
	"syscall"
)

func main() {
	fmt.Printf("ready on %s/%s\n", runtime.GOOS, runtime.GOARCH)
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	<-stop
	fmt.Println("stopping")
}
