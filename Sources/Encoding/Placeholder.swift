import Z3
