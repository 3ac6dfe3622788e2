module archgate.test/service

go 1.19
