module channelbench/reference/go

go 1.19
