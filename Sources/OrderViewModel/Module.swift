// OrderViewModel: placeholder until its module lands.
