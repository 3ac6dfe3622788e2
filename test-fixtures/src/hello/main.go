// hello prints the platform it was compiled for, so a run shows which variant really executed.
package main

import (
	"fmt"
	"os"
	"runtime"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "--version" {
		fmt.Println("app 1.0.0")
		return
	}
	fmt.Printf("hello from %s/%s\n", runtime.GOOS, runtime.GOARCH)
}
