module archgate.test/hello

go 1.19
