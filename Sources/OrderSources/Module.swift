// OrderSources: placeholder until its module lands.
