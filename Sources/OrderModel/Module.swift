// OrderModel: placeholder until its module lands.
