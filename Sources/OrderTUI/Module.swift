// OrderTUI: placeholder until its module lands.
