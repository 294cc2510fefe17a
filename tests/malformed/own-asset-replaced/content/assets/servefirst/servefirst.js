document.body.innerHTML = "replaced";
