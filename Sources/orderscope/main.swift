print("orderscope")
